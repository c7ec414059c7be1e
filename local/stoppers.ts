/** What a local stack started, stopped last-started first; a part that fails to start stops the rest. */
export interface Stoppers {
  push(stop: () => Promise<void>): void;
  stopAll(): Promise<void>;
}

export function createStoppers(): Stoppers {
  const stoppers: Array<() => Promise<void>> = [];
  return {
    push: (stop) => {
      stoppers.push(stop);
    },
    stopAll: async () => {
      const last = stoppers.splice(0).reverse();
      for (const stop of last) await stop();
    },
  };
}
