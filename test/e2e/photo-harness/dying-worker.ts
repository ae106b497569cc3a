/**
 * Stands in for a photo worker that the browser kills for memory: it takes a photo and goes silent,
 * with no error event and no answer to pings. (A real out-of-memory worker in Chromium 156 behaves
 * the same way: it stops, and the page hears nothing.)
 */
self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (typeof request === 'object' && request !== null && 'kind' in request && request.kind === 'process') self.close();
});
