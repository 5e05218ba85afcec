// Repetition statistics for benchmarks: min, median and max of a list of samples.

export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], runs: sorted.length };
}

export function formatRate(value) {
  return `${(value / 1e6).toFixed(2)} M/s`;
}
