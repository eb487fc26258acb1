/**
 * IANA Private Enterprise Numbers that pcapng Custom Blocks name (a few: the full registry has
 * over 60,000 entries). Names as Wireshark's enterprises file spells them.
 */
export const enterpriseNames: Readonly<Record<number, string>> = {
  9: 'ciscoSystems',
  32473: 'Example Enterprise Number for Documentation Use',
  36724: 'Kaplan Research and Application Prototyping',
};

export function enterpriseName(number: number): string {
  return enterpriseNames[number] ?? 'Unknown';
}
