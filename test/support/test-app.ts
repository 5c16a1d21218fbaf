import 'reflect-metadata';

import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';

import { createApp } from '../../src/app.factory.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { TestDatabase } from './databases.js';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  auth?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
}

/** The real application, listening on a loopback port, over a fresh database of its own. */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async start(database: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
    const { url, drop } = await database.create();
    const config: AppConfig = loadConfig({
      DATABASE_URL: url,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    return new TestApp(app, await app.getUrl(), drop);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.dropDatabase();
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== undefined) headers.authorization = options.auth;
    let body: string | undefined;
    if (typeof options.body === 'string') {
      body = options.body;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '')
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T = any>(path: string, body: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /** Creates an internal user and returns their Basic password header. */
  async createUser(username: string, fields: Record<string, unknown> = {}): Promise<string> {
    const password = `${username}-password`;
    const reply = await this.post(
      '/api/v1/users',
      { username, password, ...fields },
      { auth: adminAuth() },
    );
    if (reply.status !== 201)
      throw new Error(`creating ${username}: ${reply.status} ${reply.text}`);
    return basic(username, password);
  }

  /** Creates a PAT for a user signed in with `auth` and returns the whole creation response. */
  async createToken(auth: string, name: string, expiresInDays?: number | null) {
    const body = expiresInDays === undefined ? { name } : { name, expiresInDays };
    const reply = await this.post('/api/v1/personal-access-tokens', body, { auth });
    if (reply.status !== 201)
      throw new Error(`creating token ${name}: ${reply.status} ${reply.text}`);
    return reply.body as { id: number; token: string; tokenHint: string; expiresAt: string | null };
  }
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function adminAuth(): string {
  return basic(ADMIN.username, ADMIN.password);
}

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
