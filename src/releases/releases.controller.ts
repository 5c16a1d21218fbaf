import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

import { CurrentPrincipal, Principal } from '../auth/principal.js';
import { ParseIdPipe } from '../common/parse-id.pipe.js';
import { PageQuery } from '../common/page.query.js';
import { CreateReleaseDto, ReleaseResponse } from './dto/release.dto.js';
import { ReleasesService } from './releases.service.js';

@ApiTags('releases')
@ApiUnauthorizedResponse({ description: 'No valid credentials' })
@Controller('api/v1/releases')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Get()
  @ApiOperation({ summary: 'Releases, newest first' })
  @ApiOkResponse({ type: [ReleaseResponse] })
  async list(@Query() query: PageQuery): Promise<ReleaseResponse[]> {
    const releases = await this.releases.list(query.page ?? 0, query.resultsPerPage ?? 100);
    return releases.map((release) => ReleaseResponse.from(release));
  }

  @Post()
  @ApiOperation({ summary: 'Create a release owned by the caller' })
  @ApiCreatedResponse({ type: ReleaseResponse })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateReleaseDto,
  ): Promise<ReleaseResponse> {
    return ReleaseResponse.from(await this.releases.create(principal.user, dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One release' })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseIdPipe) id: number): Promise<ReleaseResponse> {
    return ReleaseResponse.from(await this.releases.get(id));
  }
}
