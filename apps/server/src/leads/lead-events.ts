import type { EventRef } from './lead.repository';

/**
 * Who is told when a lead write committed events (the outbox rows): the dispatcher of this process
 * (events/), which hands them to the engine. Declared here, where it is used, so that leads depend
 * on nothing above them.
 */
export abstract class LeadEventsListener {
  abstract eventsStored(events: EventRef[]): void;
}
