/**
 * Renovate accepts JSON5 (comments, trailing commas, unquoted keys, single quotes). No JSON5
 * library is a dependency, so this turns the common subset into JSON; anything it cannot read
 * returns undefined rather than throwing.
 */
export function parseJson5ish(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // fall through to the JSON5 subset
  }
  try {
    return JSON.parse(toJson(text).replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

function toJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      let j = i + 1;
      let body = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          body += text[j]! + text[j + 1]!;
          j += 2;
          continue;
        }
        body += text[j];
        j++;
      }
      out += JSON.stringify(c === "'" ? body.replace(/\\'/g, "'").replace(/\\"/g, '"') : JSON.parse(`"${body}"`));
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < text.length && /[\w$]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      // An unquoted key is a word followed by a colon; true/false/null values stay as they are.
      out += /^\s*:/.test(text.slice(j, j + 50)) ? JSON.stringify(word) : word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
