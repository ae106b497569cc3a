/** Where the workbench fetches a page's (or the signature's) bytes: the route in routes/workbench.ts. */
export function pageUrl(caseId: string, pageId: string): string {
  return `/api/workbench/cases/${caseId}/pages/${encodeURIComponent(pageId)}`;
}
