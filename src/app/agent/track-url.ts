/** The resident's progress page for a case: the receipt code plus the secret only the QR code carries. */
export function trackUrl(origin: string, receiptCode: string, trackSecret: string): string {
  const params = new URLSearchParams({ code: receiptCode, t: trackSecret });
  return `${origin}/track?${params.toString()}`;
}
