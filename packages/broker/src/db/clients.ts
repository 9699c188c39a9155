// The client registry (seed `client_vm_registry`): client_id → vault ingress URL and its encrypted API key.
import type { Pool } from 'pg';
import { AppError, registerSecret, type KeyRing } from '@socialvault/common';

/** Id of the single-tenant client served from VAULT_INGRESS_URL / BROKER_API_KEY. */
export const LOCAL_CLIENT_ID = 'local';

export type ClientStatus = 'active' | 'disabled';

/** A client as the admin API shows it: never its vault API key. */
export interface ClientView {
  client_id: string;
  client_name: string;
  vault_url: string;
  status: ClientStatus;
  /** True for the single-tenant client configured by environment (not stored, not editable). */
  from_environment?: boolean;
  created_at?: string;
  updated_at?: string;
}

/** A client with its decrypted vault API key, for forwarding only. */
export interface ResolvedClient {
  clientId: string;
  clientName: string;
  vaultUrl: string;
  vaultApiKey: string;
  status: ClientStatus;
  /** True for the single-tenant client configured by environment (its key is the broker's BROKER_API_KEY). */
  fromEnvironment?: boolean;
}

interface ClientRow {
  client_id: string;
  client_name: string;
  vault_url: string;
  vault_api_key_ciphertext: string;
  status: ClientStatus;
  created_at: Date;
  updated_at: Date;
}

const aad = (clientId: string) => `client:${clientId}:vault_api_key`;

function view(row: ClientRow): ClientView {
  return {
    client_id: row.client_id,
    client_name: row.client_name,
    vault_url: row.vault_url,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** Stored clients plus the environment's `local` client (unless a stored client of that id overrides it). */
export class ClientRegistry {
  constructor(
    private readonly deps: {
      pool: Pool;
      keyRing: KeyRing;
      localVault?: { vaultUrl: string; apiKey: string };
    },
  ) {}

  private localView(): ClientView | undefined {
    const local = this.deps.localVault;
    return local
      ? {
          client_id: LOCAL_CLIENT_ID,
          client_name: 'Local vault',
          vault_url: local.vaultUrl,
          status: 'active',
          from_environment: true,
        }
      : undefined;
  }

  /** Every client, stored ones by id, then the environment's `local` one when not overridden. */
  async list(): Promise<ClientView[]> {
    const { rows } = await this.deps.pool.query<ClientRow>('SELECT * FROM clients ORDER BY client_id');
    const views = rows.map(view);
    const local = this.localView();
    if (local && !views.some((client) => client.client_id === LOCAL_CLIENT_ID)) views.push(local);
    return views;
  }

  /** One client's view, or undefined. */
  async find(clientId: string): Promise<ClientView | undefined> {
    const { rows } = await this.deps.pool.query<ClientRow>('SELECT * FROM clients WHERE client_id = $1', [
      clientId,
    ]);
    if (rows[0]) return view(rows[0]);
    return clientId === LOCAL_CLIENT_ID ? this.localView() : undefined;
  }

  /** The client with its decrypted vault API key, or undefined when unknown. */
  async resolve(clientId: string): Promise<ResolvedClient | undefined> {
    const { rows } = await this.deps.pool.query<ClientRow>('SELECT * FROM clients WHERE client_id = $1', [
      clientId,
    ]);
    const row = rows[0];
    if (row) {
      const vaultApiKey = this.deps.keyRing.decrypt(row.vault_api_key_ciphertext, aad(row.client_id));
      registerSecret(vaultApiKey, { pinned: true });
      return {
        clientId: row.client_id,
        clientName: row.client_name,
        vaultUrl: row.vault_url,
        vaultApiKey,
        status: row.status,
      };
    }
    const local = this.deps.localVault;
    if (clientId !== LOCAL_CLIENT_ID || !local) return undefined;
    return {
      clientId: LOCAL_CLIENT_ID,
      clientName: 'Local vault',
      vaultUrl: local.vaultUrl,
      vaultApiKey: local.apiKey,
      status: 'active',
      fromEnvironment: true,
    };
  }

  /** Registers a client. @throws AppError conflict when the id exists */
  async create(input: {
    client_id: string;
    client_name: string;
    vault_url: string;
    vault_api_key: string;
    status: ClientStatus;
  }): Promise<ClientView> {
    registerSecret(input.vault_api_key, { pinned: true });
    const { rows } = await this.deps.pool.query<ClientRow>(
      `INSERT INTO clients (client_id, client_name, vault_url, vault_api_key_ciphertext, status)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id) DO NOTHING RETURNING *`,
      [
        input.client_id,
        input.client_name,
        input.vault_url,
        this.deps.keyRing.encrypt(input.vault_api_key, aad(input.client_id)),
        input.status,
      ],
    );
    if (!rows[0]) {
      throw new AppError('conflict', `Client ${input.client_id} is already registered`, {
        hint: `Change it with PUT /admin/clients/${input.client_id}, or pick another client_id.`,
        details: { field: 'client_id' },
      });
    }
    return view(rows[0]);
  }

  /** Changes the given fields. @throws AppError not_found */
  async update(
    clientId: string,
    changes: Partial<{ client_name: string; vault_url: string; vault_api_key: string; status: ClientStatus }>,
  ): Promise<ClientView> {
    if (changes.vault_api_key) registerSecret(changes.vault_api_key, { pinned: true });
    const { rows } = await this.deps.pool.query<ClientRow>(
      `UPDATE clients SET
         client_name = COALESCE($2, client_name),
         vault_url = COALESCE($3, vault_url),
         vault_api_key_ciphertext = COALESCE($4, vault_api_key_ciphertext),
         status = COALESCE($5, status),
         updated_at = now()
       WHERE client_id = $1 RETURNING *`,
      [
        clientId,
        changes.client_name ?? null,
        changes.vault_url ?? null,
        changes.vault_api_key ? this.deps.keyRing.encrypt(changes.vault_api_key, aad(clientId)) : null,
        changes.status ?? null,
      ],
    );
    if (!rows[0]) throw unknownClient(clientId);
    return view(rows[0]);
  }

  /** Deletes a stored client. @throws AppError not_found */
  async remove(clientId: string): Promise<void> {
    const { rowCount } = await this.deps.pool.query('DELETE FROM clients WHERE client_id = $1', [clientId]);
    if (!rowCount) throw unknownClient(clientId);
  }
}

/** The admin API's 404 for a client id. */
export function unknownClient(clientId: string): AppError {
  return new AppError('not_found', `No registered client ${clientId}`, {
    hint: 'List clients with GET /admin/clients; register one with POST /admin/clients.',
    details: { field: 'client_id' },
  });
}
