/**
 * The last Monte Carlo run of each study page, kept in the browser (IndexedDB: results are
 * megabytes, beyond what sessionStorage holds), so that a reload puts the run back on screen
 * with its iterations and seed. A run is given back only to the study it was made of (same
 * input hash). Where IndexedDB is unavailable nothing is kept, and nothing fails.
 */
const DB = "careshift";
const STORE = "last-run";

export interface KeptRun<T> {
  inputHash: string;
  keptAt: string;
  run: T;
}

/** The database with its store (made, in a new version, if the database lacks it). */
function open(version?: number): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB, version);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => {
        const db = req.result;
        if (db.objectStoreNames.contains(STORE)) return resolve(db);
        const next = db.version + 1;
        db.close();
        open(next).then(resolve);
      };
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

/** Keeps `run` as the last run of the page `key`. */
export async function keepRun<T>(key: string, inputHash: string, run: T): Promise<void> {
  const db = await open();
  if (!db) return;
  await new Promise<void>((resolve) => {
    try {
      const tx = db.transaction(STORE, "readwrite");
      const value: KeptRun<T> = { inputHash, keptAt: new Date().toISOString(), run };
      tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
      tx.onabort = () => resolve();
    } catch {
      resolve();
    }
  });
  db.close();
}

/** The last run kept for the page `key`, if it was made of inputs `inputHash`. */
export async function keptRun<T>(key: string, inputHash: string): Promise<KeptRun<T> | null> {
  const db = await open();
  if (!db) return null;
  const found = await new Promise<KeptRun<T> | null>((resolve) => {
    try {
      const req = db.transaction(STORE).objectStore(STORE).get(key);
      req.onsuccess = () => resolve((req.result as KeptRun<T> | undefined) ?? null);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  db.close();
  return found && found.inputHash === inputHash ? found : null;
}
