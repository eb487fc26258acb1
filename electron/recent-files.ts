/** Where the list is kept (a JSON file under userData in the app; memory in tests). */
export interface TextStorage {
  read(): string | null;
  write(text: string): void;
}

export const RECENT_LIMIT = 10;

/** File › Open Recent: most recent first, no duplicates, at most RECENT_LIMIT. */
export class RecentFiles {
  private paths: string[];

  constructor(private readonly storage: TextStorage) {
    this.paths = parse(storage.read());
  }

  list(): readonly string[] {
    return this.paths;
  }

  add(path: string): void {
    this.paths = [path, ...this.paths.filter((entry) => entry !== path)].slice(0, RECENT_LIMIT);
    this.storage.write(JSON.stringify(this.paths));
  }

  clear(): void {
    this.paths = [];
    this.storage.write('[]');
  }
}

function parse(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string').slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}
