import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { USERNAME_PATTERN } from '../config/app-config.js';
import { Transactions } from '../database/transactions.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { PersonalAccessToken } from '../tokens/personal-access-token.entity.js';
import { ChangePasswordDto, CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { PasswordHasher } from './password-hasher.service.js';
import { User, UserSource, usernameKey } from './user.entity.js';

/** Who an external identity provider says signed in. `admin` undefined: keep the stored flag. */
export interface ExternalIdentity {
  username: string;
  source: Exclude<UserSource, 'internal'>;
  fullName: string | null;
  email: string | null;
  admin?: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(dto: CreateUserDto): Promise<User> {
    const source = dto.source ?? 'internal';
    if (source === 'internal' && dto.password === undefined) {
      throw new BadRequestException(['password is required for an internal user']);
    }
    if (source !== 'internal' && dto.password !== undefined) {
      throw new BadRequestException([
        `password must not be set for a user whose source is ${source}`,
      ]);
    }
    if (await this.findByUsername(dto.username)) {
      throw new ConflictException(`A user named ${dto.username} already exists`);
    }

    const user = this.users.create({
      username: dto.username,
      usernameKey: usernameKey(dto.username),
      fullName: dto.fullName ?? null,
      email: dto.email ?? null,
      source,
      admin: dto.admin ?? false,
      enabled: dto.enabled ?? true,
      passwordHash: dto.password === undefined ? null : await this.hasher.hash(dto.password),
      createdAt: new Date(),
    });
    return this.users.save(user);
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /**
   * Exact names only: a name outside the allowed alphabet (say with trailing spaces, which MySQL's
   * PAD SPACE collations ignore, or a Kelvin sign that lower-cases to "k") names nobody.
   */
  async findByUsername(username: string): Promise<User | null> {
    if (!USERNAME_PATTERN.test(username)) return null;
    return this.users.findOneBy({ usernameKey: usernameKey(username) });
  }

  async get(username: string): Promise<User> {
    const user = await this.findByUsername(username);
    if (!user) throw new NotFoundException(`No user named ${username}`);
    return user;
  }

  async update(username: string, dto: UpdateUserDto): Promise<User> {
    const user = await this.get(username);
    const source = dto.source ?? user.source;
    if (source !== 'internal' && dto.password !== undefined) {
      throw new BadRequestException([
        `password must not be set for a user whose source is ${source}`,
      ]);
    }
    if (source === 'internal' && user.passwordHash === null && dto.password === undefined) {
      throw new BadRequestException(['password is required to make an external user internal']);
    }
    const passwordHash =
      dto.password === undefined ? user.passwordHash : await this.hasher.hash(dto.password);
    const next: User = {
      ...user,
      fullName: dto.fullName === undefined ? user.fullName : dto.fullName,
      email: dto.email === undefined ? user.email : dto.email,
      source,
      admin: dto.admin ?? user.admin,
      enabled: dto.enabled ?? user.enabled,
      passwordHash: source === 'internal' ? passwordHash : null,
    };
    if (isActiveAdmin(user) && !isActiveAdmin(next)) await this.assertAnotherActiveAdmin(user);

    return this.transactions.run(async (manager) => {
      if (user.source === 'internal' && source !== 'internal') {
        // External users can never hold a PAT: their tokens go with the switch.
        await manager.delete(PersonalAccessToken, { userId: user.id });
      }
      return manager.save(User, next);
    });
  }

  async delete(username: string): Promise<void> {
    const user = await this.get(username);
    if (isActiveAdmin(user)) await this.assertAnotherActiveAdmin(user);

    await this.transactions.run(async (manager) => {
      await manager.delete(PersonalAccessToken, { userId: user.id });
      await manager.delete(User, { id: user.id });
    });
  }

  /**
   * Signs in an external user: created on first sign-in, refreshed from the claims afterwards. A name
   * that belongs to a user of another source (an internal user above all) is refused, never
   * merged, and so is a disabled user.
   */
  async signInExternal(identity: ExternalIdentity): Promise<User | null> {
    let user = await this.findByUsername(identity.username);
    if (!user) {
      try {
        user = await this.users.save(
          this.users.create({
            username: identity.username,
            usernameKey: usernameKey(identity.username),
            fullName: identity.fullName,
            email: identity.email,
            source: identity.source,
            admin: identity.admin ?? false,
            enabled: true,
            passwordHash: null,
            createdAt: new Date(),
          }),
        );
      } catch (error) {
        // Two first sign-ins at once: the other one created the user.
        if (!isUniqueViolation(error)) throw error;
        user = await this.findByUsername(identity.username);
      }
    }
    if (!user || user.source !== identity.source || !user.enabled) return null;

    const refreshed = {
      fullName: identity.fullName,
      email: identity.email,
      admin: identity.admin ?? user.admin,
    };
    if (
      Object.entries(refreshed).some(
        ([key, value]) => user[key as keyof typeof refreshed] !== value,
      )
    ) {
      await this.users.update({ id: user.id }, refreshed);
      Object.assign(user, refreshed);
    }
    return user;
  }

  /** Verifies an internal, enabled user's password; null for any failure, all alike. */
  async verifyPassword(username: string, password: string): Promise<User | null> {
    const user = password.length <= 1024 ? await this.findByUsername(username) : null;
    const usable = user !== null && user.enabled && user.source === 'internal' ? user : null;
    const matches = await this.hasher.verify(usable?.passwordHash ?? null, password);
    return matches ? usable : null;
  }

  async changePassword(user: User, dto: ChangePasswordDto): Promise<void> {
    if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      throw new BadRequestException(['currentPassword is not the current password']);
    }
    await this.users.update(
      { id: user.id },
      { passwordHash: await this.hasher.hash(dto.newPassword) },
    );
  }

  private async assertAnotherActiveAdmin(user: User): Promise<void> {
    const others = await this.users
      .createQueryBuilder('u')
      .where('u.admin = :yes AND u.enabled = :yes AND u.source = :internal AND u.id <> :id', {
        yes: true,
        internal: 'internal',
        id: user.id,
      })
      .getCount();
    if (others === 0) {
      throw new ConflictException(
        `${user.username} is the last enabled internal admin: it cannot be deleted, disabled, demoted or made external`,
      );
    }
  }
}

function isActiveAdmin(user: User): boolean {
  return user.admin && user.enabled && user.source === 'internal';
}
