/** The `admin` cloud function: invites, role grants, the audit log, the unit tree, campaigns. */
import { addUnit } from '../../use-cases/admin/add-unit';
import { auditLog } from '../../use-cases/admin/audit-log';
import { createInvite } from '../../use-cases/admin/create-invite';
import { listCampaigns } from '../../use-cases/admin/list-campaigns';
import { listGrants } from '../../use-cases/admin/list-grants';
import { listInvites } from '../../use-cases/admin/list-invites';
import { moveUnit } from '../../use-cases/admin/move-unit';
import { redeem } from '../../use-cases/admin/redeem';
import { renameUnit } from '../../use-cases/admin/rename-unit';
import { revokeGrant } from '../../use-cases/admin/revoke-grant';
import { revokeInvite } from '../../use-cases/admin/revoke-invite';
import { saveCampaign } from '../../use-cases/admin/save-campaign';
import { unitTree } from '../../use-cases/admin/unit-tree';
import { createHandler, type ActionTable } from '../../lib/handler';

const actions: ActionTable<'admin'> = {
  createInvite,
  listInvites,
  revokeInvite,
  redeem,
  listGrants,
  revokeGrant,
  auditLog,
  unitTree,
  addUnit,
  renameUnit,
  moveUnit,
  listCampaigns,
  saveCampaign,
};

export const main = createHandler('admin', actions);
