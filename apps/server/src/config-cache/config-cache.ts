import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Transaction } from '../database/connection';
import { ConfigRepository } from './config.repository';
import { FieldCatalogue } from './field.catalogue';
import { ManagerDirectory } from './manager.directory';
import { WorkflowRegistry } from './workflow.registry';

/**
 * The config every process holds in memory: the team (`managers`), the fields and the active
 * workflows, compiled. Every lead write and every run reads it, so they cost no query. Reloaded
 * after each config write of this process, and when the stored config version moved past it (other
 * processes on PostgreSQL).
 */
@Injectable()
export class ConfigCache implements OnModuleInit {
  readonly managers: ManagerDirectory;
  readonly fields = new FieldCatalogue();
  readonly workflows: WorkflowRegistry;
  private version = -1;
  private reloading: Promise<void> | null = null;
  /** The load queued behind the running one and not started yet. */
  private queued: Promise<void> | null = null;

  constructor(private readonly repository: ConfigRepository) {
    this.managers = new ManagerDirectory(repository.openLeads);
    this.workflows = new WorkflowRegistry(repository.definition);
  }

  /** The first load, before the server takes requests. */
  onModuleInit(): Promise<void> {
    return this.reload();
  }

  /** Loads the managers, the custom fields and the active workflows into memory. */
  reload(): Promise<void> {
    // A call made during a load waits for it and loads again (a write may have committed after the
    // running load read the config); the calls made before that next load starts share it.
    if (this.queued) return this.queued;
    const reload = async () => {
      if (this.queued === next) this.queued = null;
      const version = await this.repository.readVersion();
      const rows = await this.repository.readAll();
      this.managers.load(rows.managers);
      this.fields.load(rows.fields);
      this.workflows.load(rows.active);
      this.version = version;
    };
    const previous = this.reloading ?? Promise.resolve();
    const next: Promise<void> = previous.then(reload, reload).finally(() => {
      if (this.reloading === next) this.reloading = null;
    });
    this.reloading = next;
    this.queued = next;
    return next;
  }

  /**
   * Reloads when another process changed the config (several processes on PostgreSQL). `version` is
   * the stored version when the caller read it already (the workers read it with the lead's lock).
   */
  async refresh(version?: number): Promise<void> {
    const stored = version ?? (await this.repository.readVersion());
    if (stored > this.version) await this.reload();
  }

  /**
   * A config write (fields, managers, workflows): `fn` runs in one transaction that also bumps the
   * config version, and the caches are reloaded after the commit (see ConfigRepository.write).
   */
  write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.repository.write(fn, () => this.reload());
  }
}
