import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, Principal } from '../auth/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { CreateReleaseDto, PageQuery, ReleaseResponse } from './dto/release.dto.js';
import { Release } from './release.entity.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('releases')
@Controller('api/v1/releases')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Get()
  @ApiOperation({ summary: 'Releases, newest first' })
  @ApiOkResponse({ type: [ReleaseResponse] })
  list(@Query() query: PageQuery): Promise<Release[]> {
    return this.releases.list(query.page ?? 0, query.resultsPerPage ?? 100);
  }

  @Post()
  @ApiOperation({ summary: 'Create a release owned by the caller' })
  @ApiCreatedResponse({ type: ReleaseResponse })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateReleaseDto): Promise<Release> {
    return this.releases.create(principal.user, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One release' })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiNotFoundResponse()
  get(@Param('id', ParseIdPipe) id: number): Promise<Release> {
    return this.releases.get(id);
  }
}
