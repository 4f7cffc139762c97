/** Native custom components used from JSX on weapp (declared in the page's usingComponents). */
import 'react';
import type { HonorGroupModel } from '../src/components/honor-list/model';
import type { LikeKind } from '../src/components/like-button/model';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'honor-list': {
        groups: HonorGroupModel[];
        onToggle?: (e: { detail: { level: HonorGroupModel['level']; collapsed: boolean } }) => void;
      };
      'like-button': {
        kind: LikeKind;
        sync: { liked: boolean; count: number; rev: number };
        moments: boolean;
        onLike?: (e: { detail: { liked: boolean } }) => void;
        onTip?: () => void;
      };
    }
  }
}
