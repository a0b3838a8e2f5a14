import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { Writer } from './database/writer';
import { FieldCatalogue } from './fields/field.catalogue';
import { LeadStore } from './leads/lead.store';
import { ManagerDirectory } from './managers/manager.directory';
import { LocalDispatcher, type Dispatcher } from './pipeline/dispatcher';
import { PipelineStore } from './pipeline/pipeline.store';
import type { PipelineDeps } from './pipeline/process-event';
import { RunStore } from './runs/run.store';
import { WorkflowRegistry } from './workflows/workflow.registry';

/**
 * The parts every service shares, built once per process over one database: the writer that
 * serialises SQLite writes, the stores of the hot path, the in-memory directories and the dispatcher.
 */
export class AppContext {
  readonly db: Database;
  readonly writer: Writer;
  readonly managers: ManagerDirectory;
  readonly fields: FieldCatalogue;
  readonly leads: LeadStore;
  readonly runs: RunStore;
  readonly pipeline: PipelineStore;
  readonly workflows: WorkflowRegistry;
  readonly dispatcher: Dispatcher;
  readonly pipelineDeps: PipelineDeps;

  constructor(
    readonly config: Config,
    readonly dataSource: DataSource,
    readonly now: () => number = Date.now,
  ) {
    if (config.database.type !== 'sqlite') throw new Error('PostgreSQL mode is not available yet');
    this.db = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    this.writer = new Writer(this.db);
    this.managers = new ManagerDirectory(this.db);
    this.fields = new FieldCatalogue(this.db);
    this.leads = new LeadStore(this.db, this.managers);
    this.runs = new RunStore(this.db);
    this.pipeline = new PipelineStore(this.db);
    this.workflows = new WorkflowRegistry(this.db);
    this.pipelineDeps = {
      leads: this.leads,
      runs: this.runs,
      store: this.pipeline,
      managers: this.managers,
      workflows: this.workflows,
      now: this.now,
    };
    this.dispatcher = new LocalDispatcher(this.pipelineDeps, this.writer);
  }
}
