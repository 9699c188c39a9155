// Shared fields the Threads and X servers need: platform-counted text, instants, metric lists.
import { z } from 'zod';
import { instantField, metricList, metricsField, textField, toUnixSeconds } from './fields';

describe('textField with a platform count', () => {
  // A stand-in for X: every "http" word counts 23.
  const weighted = (text: string) =>
    text.split(' ').reduce((sum, word) => sum + (word.startsWith('http') ? 23 : [...word].length), 0) +
    Math.max(0, text.split(' ').length - 1);
  const field = textField({
    maxLength: 30,
    count: weighted,
    countNote: 'URLs count 23',
    schemaMaxLength: false,
    description: 'Post text',
  });

  it('counts the platform way: a long URL fits, and the error names the count and the rule', () => {
    expect(field.safeParse(`hi https://example.com/${'a'.repeat(60)}`).success).toBe(true);
    expect(field.safeParse('a'.repeat(31)).error?.issues[0]?.message).toBe(
      'must be at most 30 characters (got 31; URLs count 23)',
    );
  });

  it('leaves maxLength out of the JSON Schema when the count can be below the code points', () => {
    const schema = z.toJSONSchema(z.object({ text: field })) as unknown as {
      properties: { text: Record<string, unknown> };
    };
    expect(schema.properties.text).not.toHaveProperty('maxLength');
    expect(schema.properties.text).toMatchObject({ minLength: 1, description: 'Post text' });
  });
});

describe('instantField and metricsField', () => {
  it('parses ISO-8601 dates, date-times and unix seconds to unix seconds', () => {
    const since = instantField('Range start');
    expect(since.parse('2024-05-01')).toBe(1714521600);
    expect(since.parse(1714521600)).toBe(1714521600);
    expect(since.parse('2024-05-01T02:00:00+02:00')).toBe(1714521600);
    expect(since.safeParse('yesterday').success).toBe(false);
    expect(toUnixSeconds('12')).toBeNaN();
  });

  it('takes metrics as an array or a comma-separated string', () => {
    const metrics = metricsField('Metrics');
    expect(metricList(metrics.parse('views, likes,'))).toEqual(['views', 'likes']);
    expect(metricList(metrics.parse(['views']))).toEqual(['views']);
    expect(metricList(undefined)).toBeUndefined();
    expect(metrics.safeParse([]).success).toBe(false);
  });
});
