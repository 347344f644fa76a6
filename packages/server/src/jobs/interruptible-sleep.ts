/**
 * A sleep that `wake()` cuts short. A wake-up that arrives while nobody sleeps is kept for the
 * next sleep, so an enqueue that lands between two polls is never missed.
 */
export class InterruptibleSleep {
  #pending = false;
  #wakeCurrent: (() => void) | null = null;

  async sleep(ms: number): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeCurrent = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeCurrent = done;
    });
  }

  wake(): void {
    if (this.#wakeCurrent) this.#wakeCurrent();
    else this.#pending = true;
  }
}
