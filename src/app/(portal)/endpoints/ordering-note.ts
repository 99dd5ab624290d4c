/** What ordering keys mean for an endpoint, said the same way on its form and its page. */
export const ORDERING_NOTE =
  "messages published with the same ordering_key reach this endpoint one at a time, in publish order: each waits until the previous one succeeded or gave up its retries. Different keys go in parallel.";
