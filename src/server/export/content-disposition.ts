/**
 * `Content-Disposition: attachment` with a Chinese file name: `filename*` in RFC 5987 / RFC 6266 form
 * (UTF-8, percent-encoded) for every current browser, and a plain ASCII `filename` for the rest.
 */

/** RFC 5987 value encoding: percent-encode everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * The header value for downloading `filename` (may be Chinese); `asciiFallback` is used by clients
 * that do not read `filename*` and is stripped to safe characters.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
