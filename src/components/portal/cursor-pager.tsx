"use client";
import { useState } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Cursor pagination state: the cursors of the pages before the current one ([] = the first page). */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    /** 1-based */
    page: cursors.length + 1,
    older: (nextCursor: string) => setCursors([...cursors, nextCursor]),
    newer: () => setCursors(cursors.slice(0, -1)),
    reset: () => setCursors([]),
  };
}

/** The footer of a newest-first list paged by cursor: where the reader is, and Newer / Older. */
export function CursorPager({ pages, nextCursor }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined }) {
  return (
    <div className="flex items-center justify-between border-t border-slate-200 px-4 py-2.5 text-xs text-slate-500 dark:border-slate-800">
      <span>{pages.page > 1 ? `Page ${pages.page}` : "Newest first"}</span>
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={pages.page === 1} onClick={pages.newer}>
          <ChevronLeft className="h-3.5 w-3.5" aria-hidden /> Newer
        </Button>
        <Button variant="secondary" size="sm" disabled={!nextCursor} onClick={() => nextCursor && pages.older(nextCursor)}>
          Older <ChevronRight className="h-3.5 w-3.5" aria-hidden />
        </Button>
      </div>
    </div>
  );
}
