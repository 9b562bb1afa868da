/** A study in a URL: deflate-raw compressed JSON, base64url, in the fragment (#study=…). */

function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const raw = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export async function encodeStudy(json: string): Promise<string> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

export async function decodeStudy(fragment: string): Promise<string> {
  const stream = new Blob([fromBase64Url(fragment) as BlobPart]).stream().pipeThrough(
    new DecompressionStream("deflate-raw"),
  );
  return await new Response(stream).text();
}
