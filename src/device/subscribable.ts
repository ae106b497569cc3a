/** A push source the UI can subscribe to (for example a live query). */
export type Subscribable<T> = {
  /** Calls `next` with the current value and again on every change; returns the unsubscribe. */
  subscribe(next: (value: T) => void, error?: (reason: unknown) => void): () => void;
};
