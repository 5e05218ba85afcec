// Scaled integers to Bybit's decimal text (venue thread): 1657850 at 2 decimals is "16578.50", always with the
// instrument's full number of decimals, as Bybit prints them.

const zeros = '000000000000000000';

export function scaledText(raw: number, decimals: number): string {
  const negative = raw < 0;
  const digits = String(Math.abs(Math.round(raw)));
  if (decimals === 0) return negative ? `-${digits}` : digits;
  const padded = digits.length > decimals ? digits : zeros.slice(0, decimals + 1 - digits.length) + digits;
  const cut = padded.length - decimals;
  return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}
