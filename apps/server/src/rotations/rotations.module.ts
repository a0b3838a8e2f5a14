import { Module } from '@nestjs/common';
import { RotationRepository } from './rotation.repository';

/** The strategies' stored state and the assignment log, as the API reads them. */
@Module({ providers: [RotationRepository], exports: [RotationRepository] })
export class RotationsModule {}
