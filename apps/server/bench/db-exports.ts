export {
  insertLot,
  insertMembership,
  insertOrganisation,
  insertParty,
  insertProgramme,
  insertUser,
} from '@baton/db';
export { sql } from 'kysely';
