import axe from 'axe-core';

/**
 * axe on the rendered DOM. Contrast needs real layout and is checked in the browser journey; pages
 * rendered alone have no <main> (the shell adds it), so the landmark rule is off here too.
 */
export async function axeViolations(root: Element = document.body): Promise<string[]> {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
