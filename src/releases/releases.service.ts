import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { User } from '../users/user.entity.js';
import { CreateReleaseDto } from './dto/release.dto.js';
import { Release } from './release.entity.js';

@Injectable()
export class ReleasesService {
  constructor(@InjectRepository(Release) private readonly releases: Repository<Release>) {}

  list(page: number, resultsPerPage: number): Promise<Release[]> {
    return this.releases.find({
      order: { id: 'DESC' },
      skip: page * resultsPerPage,
      take: resultsPerPage,
    });
  }

  async get(id: number): Promise<Release> {
    const release = await this.releases.findOneBy({ id });
    if (!release) throw new NotFoundException(`No release with id ${id}`);
    return release;
  }

  create(owner: User, dto: CreateReleaseDto): Promise<Release> {
    return this.releases.save(
      this.releases.create({
        title: dto.title,
        description: dto.description ?? null,
        owner: owner.username,
        createdAt: new Date(),
      }),
    );
  }
}
