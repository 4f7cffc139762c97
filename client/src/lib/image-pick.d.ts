/**
 * The platform seam for every image staff add (story images and covers, profile photos,
 * consent forms, nomination attachments): chosen from the album, compressed on the device
 * (and cropped square for a profile photo), answered as base64 for authoring.uploadImage.
 * The build picks `image-pick.weapp.ts` or `image-pick.h5.ts`; jest maps to the h5 one.
 */
export interface PickedImage {
  base64: string;
}

/** null when the user cancelled. */
export declare function pickImage(options: { square: boolean }): Promise<PickedImage | null>;
