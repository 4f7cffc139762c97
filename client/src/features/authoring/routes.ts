/** Authoring pages in the pages-staff subpackage (staff code stays out of the main package). */
export const STAFF_ROUTES = {
  drafts: '/pages-staff/drafts/index',
  storyEditor: '/pages-staff/story-editor/index',
  reviewQueue: '/pages-staff/story-queue/index',
  reviewStory: '/pages-staff/story-review/index',
  exemplarEditor: '/pages-staff/exemplar-editor/index',
  consent: '/pages-staff/consent/index',
} as const;

export function storyEditorPath(storyId?: string): string {
  return storyId ? `${STAFF_ROUTES.storyEditor}?id=${encodeURIComponent(storyId)}` : STAFF_ROUTES.storyEditor;
}

export function reviewStoryPath(storyId: string): string {
  return `${STAFF_ROUTES.reviewStory}?id=${encodeURIComponent(storyId)}`;
}

export function exemplarEditorPath(id?: string): string {
  return id ? `${STAFF_ROUTES.exemplarEditor}?id=${encodeURIComponent(id)}` : STAFF_ROUTES.exemplarEditor;
}
