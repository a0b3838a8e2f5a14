import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ManagersService } from './managers.service';

@Controller('api/managers')
export class ManagersController {
  constructor(private readonly managers: ManagersService) {}
  @Get() list() {
    return this.managers.list();
  }
  @Post() create(@Body() body: unknown) {
    return this.managers.create(body);
  }
  @Get(':id') get(@Param('id') id: string) {
    return this.managers.get(id);
  }
  @Patch(':id') update(@Param('id') id: string, @Body() body: unknown) {
    return this.managers.update(id, body);
  }
  @Delete(':id') @HttpCode(204) remove(@Param('id') id: string) {
    return this.managers.remove(id);
  }
}
