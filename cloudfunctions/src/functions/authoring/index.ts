/** The `authoring` cloud function: story and exemplar editors, story review, consent, uploads. */
import type { ActionTable } from '../../lib/handler';
import { createHandler } from '../../lib/handler';
import { confirmConsent } from '../../use-cases/consent/confirm-consent';
import { consentInfo } from '../../use-cases/consent/consent-info';
import { consentQueue } from '../../use-cases/consent/consent-queue';
import { consentScan } from '../../use-cases/consent/consent-scan';
import { recordSignedConsent } from '../../use-cases/consent/record-signed-consent';
import { requestConsent } from '../../use-cases/consent/request-consent';
import { verifyConsent } from '../../use-cases/consent/verify-consent';
import { withdrawConsent } from '../../use-cases/consent/withdraw-consent';
import { withdrawMyConsent } from '../../use-cases/consent/withdraw-my-consent';
import { exemplar } from '../../use-cases/exemplars/exemplar';
import { removeHonor } from '../../use-cases/exemplars/remove-honor';
import { removePlacement } from '../../use-cases/exemplars/remove-placement';
import { saveExemplar } from '../../use-cases/exemplars/save-exemplar';
import { saveHonor } from '../../use-cases/exemplars/save-honor';
import { savePlacement } from '../../use-cases/exemplars/save-placement';
import { setExemplarState } from '../../use-cases/exemplars/set-exemplar-state';
import { unitExemplars } from '../../use-cases/exemplars/unit-exemplars';
import { campaignOptions } from '../../use-cases/stories/campaign-options';
import { draft } from '../../use-cases/stories/draft';
import { myDrafts } from '../../use-cases/stories/my-drafts';
import { preview } from '../../use-cases/stories/preview';
import { review } from '../../use-cases/stories/review';
import { reviewQueue } from '../../use-cases/stories/review-queue';
import { saveDraft } from '../../use-cases/stories/save-draft';
import { storyContext } from '../../use-cases/stories/story-context';
import { submit } from '../../use-cases/stories/submit';
import { takeDown } from '../../use-cases/stories/take-down';
import { withdraw } from '../../use-cases/stories/withdraw';
import { uploadImage } from '../../use-cases/uploads/upload-image';
import { finishVideoUpload, uploadVideoPart } from '../../use-cases/uploads/upload-video';

const actions: ActionTable<'authoring'> = {
  draft,
  saveDraft,
  preview,
  submit,
  withdraw,
  review,
  takeDown,
  storyContext,
  myDrafts,
  reviewQueue,
  campaignOptions,
  exemplar,
  unitExemplars,
  saveExemplar,
  setExemplarState,
  saveHonor,
  removeHonor,
  savePlacement,
  removePlacement,
  requestConsent,
  consentInfo,
  confirmConsent,
  recordSignedConsent,
  consentQueue,
  consentScan,
  verifyConsent,
  withdrawConsent,
  withdrawMyConsent,
  uploadImage,
  uploadVideoPart,
  finishVideoUpload,
};

export const main = createHandler('authoring', actions);
