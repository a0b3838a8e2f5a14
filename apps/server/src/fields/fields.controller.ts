import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { FieldsService } from './fields.service';

@Controller('api/fields')
export class FieldsController {
  constructor(private readonly fields: FieldsService) {}
  @Get() list() {
    return this.fields.list();
  }
  @Post() create(@Body() body: unknown) {
    return this.fields.create(body);
  }
  @Patch(':key') update(@Param('key') key: string, @Body() body: unknown) {
    return this.fields.update(key, body);
  }
  @Delete(':key') @HttpCode(204) remove(@Param('key') key: string) {
    return this.fields.remove(key);
  }
}
