import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** A value as the protobuf Struct that carries it over gRPC: what JSON keeps of it (undefined fields dropped). */
export function toStruct(value: unknown): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {})));
}
