import { cn } from "./cn";
import { CopyButton } from "./copy-button";

/** JSON is pretty-printed; anything else is shown as it came. */
export function formatBody(body: string): string {
  if (!body) return "";
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function CodeBlock({ code, language, className, copy = true, maxHeight = "max-h-96", label }: {
  code: string;
  language?: string;
  className?: string;
  copy?: boolean;
  maxHeight?: string;
  /** accessible name of the region, e.g. "Request body" */
  label?: string;
}) {
  return (
    <div className={cn("group relative rounded-lg border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950", className)}>
      {(language || copy) && (
        <div className="absolute top-1.5 right-1.5 flex items-center gap-1.5 opacity-80 group-hover:opacity-100">
          {language && <span className="text-[10px] font-medium tracking-wide text-slate-400 uppercase">{language}</span>}
          {copy && code && <CopyButton value={code} iconOnly variant="ghost" label={`Copy ${label ?? "code"}`} />}
        </div>
      )}
      <pre aria-label={label} className={cn("overflow-auto p-3 pr-20 font-mono text-xs leading-5 text-slate-800 dark:text-slate-200", maxHeight)}>
        <code>{code || <span className="text-slate-400 italic">(empty)</span>}</code>
      </pre>
    </div>
  );
}

/** Header name/value pairs as a compact two-column table. */
export function HeaderTable({ headers, label }: { headers: Record<string, string>; label?: string }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-xs text-slate-400 italic">No headers</p>;
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
      <table aria-label={label} className="w-full table-fixed text-left font-mono text-xs">
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map(([name, value]) => (
            <tr key={name} className="align-top">
              <th scope="row" className="w-[38%] bg-slate-50 px-2.5 py-1.5 font-medium break-all text-slate-600 dark:bg-slate-950 dark:text-slate-400">
                {name}
              </th>
              <td className="px-2.5 py-1.5 break-all text-slate-800 dark:text-slate-200">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
