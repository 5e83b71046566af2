import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { NodeInterface } from './common.types';
import { DateTimeScalar } from './scalars';

@ObjectType('StoredFile', { implements: NodeInterface })
export class StoredFileType {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'Detected from the bytes, not taken from the client.' }) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String) sha256!: string;
  @Field(() => DateTimeScalar) uploadedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Short-lived signed URL; null where the viewer may not read the file.' }) downloadUrl?: string | null;
}

@InputType('CreateUploadInput')
export class CreateUploadInput {
  @Field(() => String) fileName!: string;
  @Field(() => String) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String) sha256!: string;
}

@ObjectType('UploadTicket', { description: 'PUT the bytes to uploadUrl before expiresAt; then use fileId.' })
export class UploadTicketType {
  @Field(() => ID) fileId!: string;
  @Field(() => String) uploadUrl!: string;
  @Field(() => DateTimeScalar) expiresAt!: Date;
}
