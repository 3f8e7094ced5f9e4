// Content-addressed storage: bytes are named by their SHA-256, so the same file is kept once. The port
// (ContentStore) is what services use; LocalDiskStore keeps files under a directory (an S3-compatible store
// implements the same four operations). Uploads are staged: streamed to a temporary file while hashing and
// counting, then renamed into place — or deleted on any failure, so nothing partial remains.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.js';

export interface Staged {
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, to sniff the real type. */
  readonly head: Buffer;
}

export interface StagedUpload extends Staged {
  /** Keeps the bytes under their hash (a duplicate of stored content is simply dropped). */
  commit(): Promise<void>;
  /** Drops the staged bytes. */
  discard(): Promise<void>;
}

export interface ContentStore {
  /** Streams `source` into staging; refuses (ATTACHMENT_TOO_LARGE) past `maxBytes`, leaving nothing behind. */
  stage(source: Readable, maxBytes: number): Promise<StagedUpload>;
  putBytes(bytes: Uint8Array): Promise<Staged>;
  read(sha256: string): Promise<Buffer>;
  open(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
}

const HEAD_BYTES = 64 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export class LocalDiskStore implements ContentStore {
  constructor(private readonly root: string) {}

  private blobPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('ATTACHMENT_NOT_FOUND');
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private async tempPath(): Promise<string> {
    const dir = path.join(this.root, 'tmp');
    await fs.mkdir(dir, { recursive: true });
    return path.join(dir, `${randomUUID()}.part`);
  }

  async stage(source: Readable, maxBytes: number): Promise<StagedUpload> {
    const temp = await this.tempPath();
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    const out = createWriteStream(temp, { flags: 'wx' });
    try {
      await new Promise<void>((resolve, reject) => {
        const fail = (error: unknown) => {
          source.unpipe(out);
          out.destroy();
          reject(error);
        };
        source.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(new AppError('ATTACHMENT_TOO_LARGE', { maxBytes }));
            source.destroy();
            return;
          }
          hash.update(chunk);
          if (headSize < HEAD_BYTES) {
            headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
            headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
          }
        });
        // A multipart file stream cut at the plugin's own limit says so with 'limit'.
        source.on('limit', () => fail(new AppError('ATTACHMENT_TOO_LARGE', { maxBytes })));
        source.on('error', fail);
        out.on('error', fail);
        out.on('finish', resolve);
        source.pipe(out);
      });
      if ((source as Readable & { truncated?: boolean }).truncated) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes });
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.blobPath(sha256);
    return {
      sha256,
      size,
      head: Buffer.concat(headParts),
      commit: async () => {
        try {
          await fs.mkdir(path.dirname(target), { recursive: true });
          if (await this.has(sha256)) await fs.rm(temp, { force: true });
          else await fs.rename(temp, target);
        } catch (error) {
          await fs.rm(temp, { force: true });
          throw error;
        }
      },
      discard: () => fs.rm(temp, { force: true }),
    };
  }

  async putBytes(bytes: Uint8Array): Promise<Staged> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = this.blobPath(sha256);
    if (!(await this.has(sha256))) {
      const temp = await this.tempPath();
      try {
        await fs.writeFile(temp, bytes, { flag: 'wx' });
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(temp, target);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
    }
    return { sha256, size: bytes.byteLength, head: Buffer.from(bytes.subarray(0, HEAD_BYTES)) };
  }

  async read(sha256: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.blobPath(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('ATTACHMENT_NOT_FOUND');
      throw error;
    }
  }

  open(sha256: string): Readable {
    return createReadStream(this.blobPath(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.blobPath(sha256));
      return true;
    } catch {
      return false;
    }
  }
}
