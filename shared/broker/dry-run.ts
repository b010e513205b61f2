/** A dry run's refusal also lists every condition and its verdict, like a granted dry run does. */
import type { ConditionVerdict } from '../conditions/verdict.js';
import { BrokerRefusal } from './errors.js';

export class DryRunRefusal extends BrokerRefusal {
  constructor(
    from: BrokerRefusal,
    readonly conditions: readonly ConditionVerdict[],
  ) {
    super(from.error, from.code, from.description, from.status, from.retryAfter);
    this.audited = from.audited;
  }

  override toJSON() {
    return { ...super.toJSON(), dry_run: true as const, conditions: this.conditions };
  }
}
