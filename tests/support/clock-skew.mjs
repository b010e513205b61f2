/**
 * Preloaded into a broker process (NODE_OPTIONS=--import …) by tests that need a broker whose clock is
 * off from the state store's: Date.now() and `new Date()` run STEPWARDEN_TEST_CLOCK_SKEW_MS ahead
 * (negative: behind). Not part of dist/.
 */
const skew = Number(process.env.STEPWARDEN_TEST_CLOCK_SKEW_MS ?? 0);
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
globalThis.Date = SkewedDate;
