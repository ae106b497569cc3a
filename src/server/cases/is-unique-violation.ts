/** Whether a database error is a unique or primary-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  const text = `${error.message} ${code}`;
  return /UNIQUE|unique|23505|SQLITE_CONSTRAINT_PRIMARYKEY/.test(text);
}
