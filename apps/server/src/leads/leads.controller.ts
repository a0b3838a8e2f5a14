import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { paging } from '../common/paging';
import { LeadsService } from './leads.service';

@Controller('api/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}
  @Get() list(@Query() query: { limit?: string; offset?: string }) {
    const { limit, offset } = paging(query);
    return this.leads.list(limit, offset);
  }
  @Post() create(@Body() body: unknown) {
    return this.leads.create(body);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.leads.get(id);
  }
  @Patch(':id') update(@Param('id') id: string, @Body() body: unknown) {
    return this.leads.update(id, body);
  }
  @Post(':id/tags') @HttpCode(200) addTag(@Param('id') id: string, @Body() body: unknown) {
    return this.leads.addTag(id, body);
  }
  @Delete(':id/tags/:tag') removeTag(@Param('id') id: string, @Param('tag') tag: string) {
    return this.leads.removeTag(id, tag);
  }
}
