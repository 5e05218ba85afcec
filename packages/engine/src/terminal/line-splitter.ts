// Cuts a byte stream into lines (main thread: a worker's stdout and stderr in pretty mode). A partial line waits for
// its end; flush() hands over what is left when the stream ends, so a worker's last words before a crash are kept.

export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let end = chunk.indexOf('\n');
    if (end === -1) {
      this.pending += chunk;
      return;
    }
    this.onLine(this.pending + chunk.slice(0, end));
    this.pending = '';
    let start = end + 1;
    for (end = chunk.indexOf('\n', start); end !== -1; end = chunk.indexOf('\n', start)) {
      this.onLine(chunk.slice(start, end));
      start = end + 1;
    }
    this.pending = chunk.slice(start);
  }

  flush(): void {
    if (this.pending === '') return;
    const rest = this.pending;
    this.pending = '';
    this.onLine(rest);
  }
}
