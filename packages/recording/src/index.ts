// Public surface of @scalper/recording: the recording format, its writer, and the streaming reader (one file, or a
// directory of files merged by receive time). Used by pnpm record, the backtests and the venue's --replay.

export * from './recording-format.js';
export * from './recording-writer.js';
export * from './recording-reader.js';
