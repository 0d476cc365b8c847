export const DOCUMENT: string;
export const OUTPUT: string;
export function renderApiTypes(): Promise<string>;
