import { describe, expect, it } from 'vitest';
import { safeDocument, safeField } from './sanitise.js';

describe('sanitising untrusted text for reports', () => {
  it('shows terminal escapes, other controls and bidirectional overrides as visible escapes', () => {
    expect(safeField('a\u001b[2Jb\u0007c\u009bd\u202ee\u0000')).toBe('a\\x1b[2Jb\\x07c\\x9bd\\u202ee\\x00');
  });

  it('shows newlines and tabs inside a field, keeps them in a whole document', () => {
    expect(safeField('evil\nname\t.yaml\r')).toBe('evil\\x0aname\\x09.yaml\\x0d');
    expect(safeDocument('line 1\n\tline 2\u001b]8;;x\u0007')).toBe('line 1\n\tline 2\\x1b]8;;x\\x07');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'k8s/déploiement-🚀.yaml: café';
    expect(safeField(text)).toBe(text);
  });
});
