/**
 * The providers grid's search: every whitespace-separated term of the query must occur in
 * the card's search text (name, code, category, service names), case-insensitively.
 * No imports, so the client component that filters as you type stays small.
 */
export function matchesQuery(searchText: string, query: string): boolean {
  const haystack = searchText.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term !== "")
    .every((term) => haystack.includes(term));
}
