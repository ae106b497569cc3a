import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvField, neutraliseFormula } from './csv-writer';

describe('the CSV writer for Excel users', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const text = csvDocument(['办件编号', '申请人'], [['999001-20260302-00001', '王秀英']]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toBe(`${CSV_BOM}办件编号,申请人\r\n999001-20260302-00001,王秀英\r\n`);
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180) and leaves plain ones bare', () => {
    expect(csvField('东坡村, 三组')).toBe('"东坡村, 三组"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('民政办')).toBe('民政办');
  });

  it('writes numbers as numbers and empty cells as nothing', () => {
    expect(csvDocument(['n', 'rate', 'none'], [[-3, 0.25, null]])).toBe(`${CSV_BOM}n,rate,none\r\n-3,0.25,\r\n`);
    expect(csvField(Number.NaN)).toBe('');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}cmd`)).toBe(`'${start}cmd`);
    }
    expect(csvField('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('李=娜')).toBe('李=娜');
  });
});
