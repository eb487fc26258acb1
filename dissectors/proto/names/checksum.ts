/** Checksum status values shared by every `*.checksum.status` field (Wireshark's proto_checksum_vals). */
export const checksumStatusNames: Readonly<Record<number, string>> = {
  0: 'Bad',
  1: 'Good',
  2: 'Unverified',
  3: 'Not present',
  4: 'Illegal',
};

export const enum ChecksumStatus {
  Bad = 0,
  Good = 1,
  Unverified = 2,
  NotPresent = 3,
}
