/**
 * The text the runner hands an action for a `with:` value YAML reads as a number, a boolean or null
 * (`INPUT_SCOPE` for `scope: 1e21`). The reader (actions/runner YamlObjectReader, both the workflow
 * parser's and the one the runner reads action.yml files with) makes a plain `1.0` a NumberToken of
 * the double 1, `True` a BooleanToken; the `step-with` schema takes strings only, so TemplateReader
 * converts the literal with `literal.ToString()` (NumberToken: `m_value.ToString("G15",
 * CultureInfo.InvariantCulture)`; BooleanToken: `true`/`false`; NullToken: empty), and
 * ConvertToStepInputs passes that string on. JavaScript's `String(n)` differs for exponents
 * (`1e+21` / `1E+21`, `0.00001` / `1E-05`), for more than 15 significant digits and for -0: the check
 * read another scope or audience than the action was given. docs/decisions.md, session 21, cites
 * the source lines. Pure.
 */

/** .NET's `double.ToString("G15", CultureInfo.InvariantCulture)` (.NET Core 3.0 and later, the runner's .NET 8). */
export function dotnetG15(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  // .NET Core 3.0+ keeps the sign of negative zero.
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // An integer of at most 15 digits is its digits (what the workflows hold: `node: 14`, `retries: 3`);
  // no exponent form and no rounding to build for it.
  if (Number.isInteger(n) && n > -1e15 && n < 1e15) return String(n);
  const sign = n < 0 ? '-' : '';
  // 15 significant digits, rounded from the exact binary value (as .NET Core 3.0+ does).
  const [mantissa, exp] = Math.abs(n).toExponential(14).split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  const e = Number(exp);
  // G: scientific unless the exponent is above -5 and below the precision (15).
  if (e < -4 || e >= 15) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** A `with:` value as the runner passes it to the action. */
export function runnerText(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return dotnetG15(value);
  return String(value);
}
