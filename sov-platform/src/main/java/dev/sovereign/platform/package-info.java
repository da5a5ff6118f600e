/**
 * The local control plane behind {@code sov serve}: the weight store ({@code store}), the
 * engines of each declared model ({@code replica}), the reconcile loop over the models folder
 * ({@code reconcile}), autoscaling on the engines' own signals ({@code autoscale}) and the
 * platform that ties them to one gateway.
 */
package dev.sovereign.platform;
