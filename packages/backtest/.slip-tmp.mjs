import Big from 'big.js';
let bad = [];
for (let bps = 1; bps <= 50; bps++) {
  const s = bps / 10000;
  const tick = 10;
    for (let p = 1000000; p < 10000000; p += 10*37) {
      const askF = Math.ceil((p * (1 + s)) / tick) * tick;
      const bidF = Math.floor((p * (1 - s)) / tick) * tick;
      const askX = Number(new Big(p).times(new Big(1).plus(new Big(bps).div(10000))).div(tick).round(0, Big.roundUp).times(tick));
      const bidX = Number(new Big(p).times(new Big(1).minus(new Big(bps).div(10000))).div(tick).round(0, Big.roundDown).times(tick));
      if (askF !== askX) bad.push(['ask', bps, tick, p, askF, askX]);
      if (bidF !== bidX) bad.push(['bid', bps, tick, p, bidF, bidX]);
    }
}
console.log(bad.length, bad.slice(0, 10));
