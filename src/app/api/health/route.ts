import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

// GET /api/health — liveness and database reachability, for load balancers and the start script
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
