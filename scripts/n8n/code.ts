// JavaScript of the upsert Code nodes: find the stored NocoDB records of new rows, so they are updated, not duplicated.
// n8n runs it with $input and $('Node') in scope, once for all items; test/workflows-insights.test.ts runs it.
/** Row keys per NocoDB lookup: keeps each lookup's `where` (a query parameter) a few kilobytes at most. */
export const LOOKUP_BATCH = 40;

/** Rows → one item per batch of row keys, `{where}`, for the NocoDB node that finds the stored records. */
export const lookupBatchesCode =
  (): string => `// The rows' keys in batches of ${LOOKUP_BATCH}: one NocoDB lookup each.
const keys = [...new Set($input.all().map((item) => String(item.json.row_key)))];
const batches = [];
for (let start = 0; start < keys.length; start += ${LOOKUP_BATCH}) {
  const where = keys.slice(start, start + ${LOOKUP_BATCH}).map((key) => '(row_key,eq,' + key + ')').join('~or');
  batches.push({ json: { where } });
}
return batches;`;

/** The NocoDB `where` of a lookup item. */
export const FIND_EXISTING_WHERE = '={{ $json.where }}';

/** Gives each row the Id of its stored record (same row_key), so it is updated instead of created again. */
export const pairWithExistingCode = (
  rowsNode: string,
): string => `// Rows whose row_key is already stored get that record's Id (-> update); the others have none (-> create).
const stored = new Map();
for (const item of $input.all()) {
  if (item.json.Id !== undefined && item.json.row_key) stored.set(item.json.row_key, item.json.Id);
}
return $(${JSON.stringify(rowsNode)}).all().map((item) => {
  const row = { ...item.json };
  if (stored.has(row.row_key)) row.Id = stored.get(row.row_key);
  return { json: row };
});`;
